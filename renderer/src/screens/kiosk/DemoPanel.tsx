import { type DemoPadTag, type DemoState, DemoTagKind } from '@contract/index.js';
import { type FormEvent, type ReactNode, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { demoPanelStore, useDemoPanel } from '../../stores/index.js';
import { TID } from '../../testids.js';
import { Button } from '../../ui/Button.js';
import { DemoBadge } from '../../ui/DemoBadge.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SEPARATOR } from '../../ui/format.js';
import { BUTTON, OFF, TEXT } from '../../ui/html.js';
import { ICONS, Icon } from '../../ui/Icon.js';
import s from './DemoPanel.module.css';

/**
 * Demo mode only: the demo badge of the kiosk frame is a button (`DemoToggle`) that opens a panel of
 * the simulated devices, docked beside the patron's screen (which narrows, so nothing of it is hidden) — put the training library's books and cards on the simulated RFID pad, lift them off,
 * scan a barcode with the simulated serial reader. The real drivers read them, as at a real kiosk.
 */
export function DemoPanel() {
  const open = useDemoPanel((st) => st.open);
  useEffect(() => demoPanelStore.getState().watch(), []);
  return open ? <PanelBody /> : null;
}

/** The demo badge, as the button that opens and closes the panel of simulated devices. */
export function DemoToggle() {
  const { t } = useTranslation();
  const open = useDemoPanel((st) => st.open);
  return (
    <button
      type={BUTTON}
      className={s.toggle}
      aria-expanded={open}
      onClick={() => demoPanelStore.getState().toggle()}
      data-testid={TID.demoPanelToggle}
    >
      <DemoBadge />
      <span className={s.toggleText}>
        <Icon glyph={ICONS.demo} className={s.icon} />
        {t(($) => $.demo.panel.open)}
      </span>
    </button>
  );
}

function PanelBody() {
  const { t } = useTranslation();
  const id = useId();
  const state = useDemoPanel((st) => st.state);
  const error = useDemoPanel((st) => st.error);
  return (
    <aside className={s.panel} aria-labelledby={`${id}-title`} data-testid={TID.demoPanel}>
      <div className={s.head}>
        <h2 className={s.title} id={`${id}-title`}>
          {t(($) => $.demo.panel.title)}
        </h2>
        <Button onClick={() => demoPanelStore.getState().close()} testId={TID.demoPanelClose}>
          {t(($) => $.demo.panel.close)}
        </Button>
      </div>
      <div className={s.scroll}>
        {error && <ErrorMessage error={error} />}
        {state && !state.available && <p className={s.note}>{t(($) => $.demo.panel.unavailable)}</p>}
        {state?.available && (
          <>
            <Pad state={state} />
            <ScanForm />
            <Cards state={state} />
            <Books state={state} />
          </>
        )}
      </div>
    </aside>
  );
}

function nameOf(state: DemoState, tag: DemoPadTag): string {
  if (tag.kind === DemoTagKind.enum.patron) return state.cards.find((c) => c.id === tag.id)?.name ?? tag.id;
  return state.books.find((b) => b.id === tag.id)?.title ?? tag.id;
}

function Pad({ state }: { state: DemoState }) {
  const { t } = useTranslation();
  const id = useId();
  const busy = useDemoPanel((st) => st.busy);
  return (
    <section aria-labelledby={`${id}-pad`}>
      <h3 className={s.heading} id={`${id}-pad`}>
        {t(($) => $.demo.panel.pad)}
      </h3>
      {state.pad.length === 0 ? (
        <p className={s.note}>{t(($) => $.demo.panel.padEmpty)}</p>
      ) : (
        <ul className={s.list}>
          {state.pad.map((tag) => {
            const name = nameOf(state, tag);
            return (
              <li
                key={tag.uid}
                className={s.item}
                data-testid={TID.demoPadTag}
                data-uid={tag.uid}
                data-id={tag.id}
                data-afi={tag.afi}
                data-eas={tag.eas}
              >
                <span className={s.text}>
                  <span className={s.name}>{name}</span>
                  <span className={s.sub}>
                    {tag.id}
                    {tag.part !== null && tag.parts !== null && (
                      <>
                        {SEPARATOR}
                        {t(($) => $.demo.panel.partOf, { part: tag.part, parts: tag.parts })}
                      </>
                    )}
                    {tag.kind === DemoTagKind.enum.item && (
                      <>
                        {SEPARATOR}
                        {tag.eas ? t(($) => $.demo.panel.secured) : t(($) => $.demo.panel.unsecured)}
                      </>
                    )}
                  </span>
                </span>
                <Button
                  className={s.button}
                  disabled={busy}
                  onClick={() => void demoPanelStore.getState().remove(tag.uid)}
                  aria-label={t(($) => $.demo.panel.removeLabel, { name })}
                  testId={TID.demoRemoveTag}
                >
                  {t(($) => $.demo.panel.remove)}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface Placeable {
  id: string;
  name: string;
  /** The grey line under the name: the id, then what else tells this one apart. */
  detail: ReactNode;
}

/** Cards and books alike: each can be placed on the simulated pad. */
function PlaceList({
  heading,
  kind,
  entries,
  testId,
}: {
  heading: string;
  kind: DemoTagKind;
  entries: Placeable[];
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const busy = useDemoPanel((st) => st.busy);
  return (
    <section aria-labelledby={id}>
      <h3 className={s.heading} id={id}>
        {heading}
      </h3>
      <ul className={s.list}>
        {entries.map((entry) => (
          <li key={entry.id} className={s.item}>
            <span className={s.text}>
              <span className={s.name}>{entry.name}</span>
              <span className={s.sub}>
                {entry.id}
                {entry.detail}
              </span>
            </span>
            <Button
              className={s.button}
              disabled={busy}
              onClick={() => void demoPanelStore.getState().place(kind, entry.id)}
              aria-label={t(($) => $.demo.panel.placeLabel, { name: entry.name })}
              testId={testId}
              data-id={entry.id}
            >
              {t(($) => $.demo.panel.place)}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Cards({ state }: { state: DemoState }) {
  const { t } = useTranslation();
  return (
    <PlaceList
      heading={t(($) => $.demo.panel.cards)}
      kind={DemoTagKind.enum.patron}
      testId={TID.demoPlaceCard}
      entries={state.cards.map((card) => ({
        id: card.id,
        name: card.name,
        detail: (
          <>
            {SEPARATOR}
            {t(($) => $.demo.panel.cardPin, { pin: card.pin })}
          </>
        ),
      }))}
    />
  );
}

function Books({ state }: { state: DemoState }) {
  const { t } = useTranslation();
  return (
    <PlaceList
      heading={t(($) => $.demo.panel.books)}
      kind={DemoTagKind.enum.item}
      testId={TID.demoPlaceBook}
      entries={state.books.map((book) => ({
        id: book.id,
        name: book.title,
        detail:
          book.parts > 1 ? (
            <>
              {SEPARATOR}
              {t(($) => $.demo.panel.parts, { parts: book.parts })}
            </>
          ) : null,
      }))}
    />
  );
}

function ScanForm() {
  const { t } = useTranslation();
  const id = useId();
  const text = useDemoPanel((st) => st.scanText);
  const busy = useDemoPanel((st) => st.busy);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void demoPanelStore.getState().scan();
  };
  return (
    <section aria-labelledby={`${id}-scan`}>
      <h3 className={s.heading} id={`${id}-scan`}>
        {t(($) => $.demo.panel.scan)}
      </h3>
      <form className={s.scan} onSubmit={submit}>
        <input
          className={s.input}
          type={TEXT}
          value={text}
          autoComplete={OFF}
          spellCheck={false}
          aria-label={t(($) => $.demo.panel.scanLabel)}
          onChange={(e) => demoPanelStore.getState().setScanText(e.target.value)}
          data-testid={TID.demoScanInput}
        />
        <Button submit className={s.button} disabled={busy || text.trim() === ''} testId={TID.demoScanSubmit}>
          {t(($) => $.demo.panel.scanButton)}
        </Button>
      </form>
    </section>
  );
}
