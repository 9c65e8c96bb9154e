import { cx } from './html.js';
import s from './Icon.module.css';

/** The icon set; pass one of these as `glyph`. */
export const ICONS = {
  scanner: s.scanner,
  kiosk: s.kiosk,
  demo: s.demo,
  connected: s.connected,
  card: s.card,
  borrow: s.borrow,
  return: s.return,
  renew: s.renew,
  account: s.account,
  signout: s.signout,
  warning: s.warning,
  keyboard: s.keyboard,
  backspace: s.backspace,
} as const;
export type Glyph = (typeof ICONS)[keyof typeof ICONS];

/** Always decorative (hidden from screen readers): the text beside it says what it means. */
export function Icon({ glyph, className }: { glyph: Glyph; className?: string }) {
  return <span className={cx(s.icon, glyph, className)} aria-hidden />;
}
