import type {
  DeviceEventEntry,
  DeviceTestAction,
  DeviceTestResult,
  DeviceView,
  Language,
  RfidTag,
} from '@contract/index.js';
import type { TFunction } from 'i18next';
import { hasLocaleData, SEPARATOR } from '../../ui/format.js';

/** Hours, minutes and seconds (24-hour) of a device event, in the interface language's conventions. */
export function formatEventTime(
  iso: string,
  language: Language,
  timeZone?: string,
  intl = hasLocaleData(language),
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(intl ? language : 'ru', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** An AFI as staff read it on tag tools: two hex digits. */
export function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

/** What a tag is, for staff: a book (and which part of a set), a library card, or unreadable. */
export function tagLabel(t: TFunction, tag: RfidTag): string {
  if (tag.kind === 'patron') return t(($) => $.devices.tag.patron);
  if (tag.kind !== 'item' || !tag.itemId) return t(($) => $.devices.tag.unknown);
  const book = t(($) => $.devices.tag.item, { id: tag.itemId });
  if (!tag.set) return book;
  return `${book}${SEPARATOR}${t(($) => $.devices.tag.part, { part: tag.set.part, parts: tag.set.parts })}`;
}

/** The reason a test did not work, as the screen words it. */
export function failureOf(result: DeviceTestResult): NonNullable<DeviceTestResult['failure']> {
  return result.failure ?? 'failed';
}

/** One line of a device's last events. */
export function eventText(t: TFunction, event: DeviceEventEntry): string {
  switch (event.type) {
    case 'status': {
      const state = t(($) => $.devices.state[event.state]);
      return event.detail ? `${state}${SEPARATOR}${event.detail}` : state;
    }
    case 'scan':
      return t(($) => $.devices.event.scan, { text: event.text });
    case 'tag-arrived':
      return t(($) => $.devices.event.arrived, { tag: tagLabel(t, event.tag) });
    case 'tag-left':
      return t(($) => $.devices.event.left, { uid: event.uid });
    case 'security-failed':
      return t(($) => $.devices.event.securityFailed, { id: event.itemId, uid: event.uid });
    case 'printed':
      return t(($) => $.devices.event.printed);
    case 'print-failed':
      return t(($) => $.devices.event.printFailed, { detail: event.detail });
  }
}

/** A test action's button label. */
export function testLabel(t: TFunction, action: DeviceTestAction): string {
  if (action === 'read-pad') return t(($) => $.devices.test['read-pad']);
  if (action === 'print-test') return t(($) => $.devices.test['print-test']);
  return t(($) => $.devices.test.beep);
}

/** A device's name: what the site called it, or for demo mode's simulators, what they simulate. */
export function deviceName(t: TFunction, device: DeviceView): string {
  return device.source === 'demo' ? t(($) => $.devices.demoName[device.kind]) : device.name;
}
