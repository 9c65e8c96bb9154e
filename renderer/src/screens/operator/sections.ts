/** The operator's sections, in nav order. Those not available yet are placeholders. */
export const OperatorSection = {
  jobs: 'jobs',
  profiles: 'profiles',
  sync: 'sync',
  devices: 'devices',
  settings: 'settings',
} as const;
export type OperatorSection = (typeof OperatorSection)[keyof typeof OperatorSection];

export interface SectionEntry {
  id: OperatorSection;
  available: boolean;
}

export const SECTIONS: readonly SectionEntry[] = [
  { id: OperatorSection.jobs, available: true },
  { id: OperatorSection.profiles, available: true },
  { id: OperatorSection.sync, available: true },
  { id: OperatorSection.devices, available: true },
  { id: OperatorSection.settings, available: true },
];

export const FIRST_SECTION: OperatorSection = OperatorSection.jobs;
