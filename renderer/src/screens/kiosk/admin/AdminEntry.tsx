import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskStore } from '../../../stores/index.js';
import { TID } from '../../../testids.js';
import { BUTTON } from '../../../ui/html.js';
import s from './Admin.module.css';
import { SECRET_HOLD_MS, TapCounter } from './secret-gesture.js';

/**
 * The discreet way in for staff: an unmarked corner of the welcome screen that opens the admin
 * screen after five quick taps or a long press. It is a real button (named for screen readers) but
 * outside the patrons' tab order; installers with a keyboard use Ctrl+Alt+A.
 */
export function AdminEntry() {
  const { t } = useTranslation();
  const counter = useRef(new TapCounter());
  const hold = useRef<ReturnType<typeof setTimeout> | null>(null);
  const open = () => kioskStore.getState().openAdmin();
  const release = () => {
    if (hold.current !== null) clearTimeout(hold.current);
    hold.current = null;
  };
  useEffect(
    () => () => {
      if (hold.current !== null) clearTimeout(hold.current);
    },
    [],
  );

  return (
    <button
      type={BUTTON}
      className={s.entry}
      tabIndex={-1}
      aria-label={t(($) => $.kiosk.welcome.staff)}
      data-testid={TID.adminEntry}
      onClick={(event) => {
        if (counter.current.tap(event.timeStamp || Date.now())) open();
      }}
      onPointerDown={() => {
        release();
        hold.current = setTimeout(open, SECRET_HOLD_MS);
      }}
      onPointerUp={release}
      onPointerLeave={release}
      onPointerCancel={release}
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
