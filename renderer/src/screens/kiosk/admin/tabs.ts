/** The kiosk admin screen's sections, in tab order. */
export const AdminTab = { settings: 'settings', sync: 'sync', devices: 'devices' } as const;
export type AdminTab = (typeof AdminTab)[keyof typeof AdminTab];
export const ADMIN_TABS: readonly AdminTab[] = [AdminTab.settings, AdminTab.sync, AdminTab.devices];
