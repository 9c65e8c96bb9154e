import type { DeviceEventEntry, DeviceView } from '@contract/index.js';
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTestState } from '../../stores/devices.js';
import { devicesStore, useDevices, useSettings } from '../../stores/index.js';
import { deviceTestTestId, TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SEPARATOR } from '../../ui/format.js';
import { POLITE } from '../../ui/html.js';
import s from './Devices.module.css';
import {
  deviceName,
  eventText,
  failureOf,
  formatEventTime,
  hexByte,
  tagLabel,
  testLabel,
} from './device-format.js';

/**
 * The station's devices, live: each barcode reader, RFID pad and receipt printer with its state,
 * its last events and its test actions. In the operator's Devices section and on the kiosk's staff
 * screen.
 */
export function DevicesView() {
  const { t } = useTranslation();
  const id = useId();
  const overview = useDevices((st) => st.overview);
  const loading = useDevices((st) => st.loading);
  const error = useDevices((st) => st.error);

  useEffect(() => {
    void devicesStore.getState().load();
    return devicesStore.getState().watch();
  }, []);

  const devices = overview?.devices ?? [];
  return (
    <section className={s.view} aria-labelledby={`${id}-title`} data-testid={TID.devicesView}>
      <header className={s.header}>
        <h2 className={s.title} id={`${id}-title`}>
          {t(($) => $.devices.title)}
        </h2>
        <Button onClick={() => void devicesStore.getState().load()} testId={TID.devicesRefresh}>
          {t(($) => $.devices.refresh)}
        </Button>
      </header>
      <p className={s.intro}>{t(($) => $.devices.intro)}</p>
      {overview?.demo && <p className={s.note}>{t(($) => $.devices.demoNote)}</p>}
      {loading && <output className={s.status}>{t(($) => $.devices.loading)}</output>}
      {error && <ErrorMessage error={error} />}
      {overview && devices.length === 0 && <p className={s.muted}>{t(($) => $.devices.empty)}</p>}
      <ul className={s.list}>
        {devices.map((device) => (
          <DeviceCard key={device.id} device={device} />
        ))}
      </ul>
    </section>
  );
}

function DeviceCard({ device }: { device: DeviceView }) {
  const { t } = useTranslation();
  const id = useId();
  const test = useDevices((st) => st.tests[device.id]);
  return (
    <li
      className={s.card}
      data-testid={TID.deviceCard}
      data-device={device.id}
      data-kind={device.kind}
      data-state={device.state}
    >
      <div className={s.cardHead}>
        <span className={s.name}>{deviceName(t, device)}</span>
        <span className={s.badge} data-state={device.state}>
          {t(($) => $.devices.state[device.state])}
        </span>
      </div>
      <div className={s.meta}>
        <span className={s.kind}>
          {t(($) => $.devices.kind[device.kind])}
          {SEPARATOR}
          {t(($) => $.devices.source[device.source])}
        </span>
        <span>{t(($) => $.devices.address, { address: device.address })}</span>
        {device.model && <span>{t(($) => $.devices.model, { model: device.model })}</span>}
        {device.detail && <span>{t(($) => $.devices.detail, { detail: device.detail })}</span>}
      </div>
      {device.tests.length > 0 && (
        <div className={s.tests}>
          {device.tests.map((action) => (
            <Button
              key={action}
              onClick={() => void devicesStore.getState().runTest(device.id, action)}
              disabled={test?.running === true}
              testId={deviceTestTestId(action)}
            >
              {testLabel(t, action)}
            </Button>
          ))}
        </div>
      )}
      {test && <TestResult test={test} />}
      <h3 className={s.eventsHeading} id={`${id}-events`}>
        {t(($) => $.devices.lastEvents)}
      </h3>
      {device.lastEvents.length === 0 ? (
        <p className={s.muted}>{t(($) => $.devices.noEvents)}</p>
      ) : (
        <ol className={s.events} aria-labelledby={`${id}-events`} data-testid={TID.deviceEvents}>
          {device.lastEvents.map((event, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same event can happen twice in a second
            <EventLine key={i} event={event} />
          ))}
        </ol>
      )}
    </li>
  );
}

function TestResult({ test }: { test: DeviceTestState }) {
  const { t } = useTranslation();
  if (test.running) return <output className={s.result}>{t(($) => $.devices.test.running)}</output>;
  if (test.error) return <ErrorMessage error={test.error} />;
  const result = test.result;
  if (!result) return null;
  const ok = result.ok;
  return (
    <output className={s.result} data-testid={TID.deviceTestResult} data-ok={ok} aria-live={POLITE}>
      {ok
        ? result.tags
          ? t(($) => $.devices.test.tags, { count: result.tags.length })
          : t(($) => $.devices.test.ok)
        : t(($) => $.devices.test.failure[failureOf(result)])}
      {!ok && result.detail && (
        <>
          {SEPARATOR}
          {result.detail}
        </>
      )}
      {ok && result.tags && result.tags.length > 0 && (
        <ul className={s.tags}>
          {result.tags.map((tag) => (
            <li key={tag.uid}>
              {tagLabel(t, tag)}
              {SEPARATOR}
              {tag.uid}
              {tag.afi !== null && (
                <>
                  {SEPARATOR}
                  {t(($) => $.devices.tag.afi, { afi: hexByte(tag.afi) })}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </output>
  );
}

function EventLine({ event }: { event: DeviceEventEntry }) {
  const { t } = useTranslation();
  const language = useSettings((st) => st.language);
  const timeZone = useSettings((st) => st.settings?.timeZone);
  const text = eventText(t, event);
  return (
    <li className={s.event} data-type={event.type}>
      <time className={s.time} dateTime={event.at}>
        {formatEventTime(event.at, language, timeZone)}
      </time>
      <span>{text}</span>
    </li>
  );
}
