import type { PageSize, ScannerSummary } from '@contract/index.js';
import { useTranslation } from 'react-i18next';
import { customSizeOf, pageSizeChoice } from '../../../stores/profile-fields.js';
import { DEMO_KIND } from './profile.js';

/** A profile's scanner as the operator knows it: its name when listed, the demo feeder, or its id. */
export function DeviceName({ device, scanners }: { device: string | undefined; scanners: ScannerSummary[] }) {
  const { t } = useTranslation();
  if (device === undefined) return t(($) => $.operator.jobs.profile.deviceAuto);
  const known = scanners.find((sc) => sc.id === device);
  if (known?.kind === DEMO_KIND) return t(($) => $.operator.jobs.profile.demoDevice);
  return known?.name ?? device;
}

/** Scan sources and colour modes in the operator's language, for selects and tables alike. */
export function useProfileNames() {
  const { t } = useTranslation();
  return {
    sourceNames: {
      flatbed: t(($) => $.operator.jobs.profile.flatbed),
      adf: t(($) => $.operator.jobs.profile.adf),
    },
    modeNames: {
      color: t(($) => $.operator.jobs.profile.color),
      gray: t(($) => $.operator.jobs.profile.gray),
      lineart: t(($) => $.operator.jobs.profile.lineart),
    },
  };
}

/** A page size in words: `A4 (210 × 297 mm)`, the whole area, or a custom size in millimetres. */
export function PageSizeName({ pageSize }: { pageSize: PageSize | undefined }) {
  const { t } = useTranslation();
  const custom = customSizeOf(pageSize);
  if (custom)
    return t(($) => $.operator.jobs.profile.customSize, { width: custom.widthMm, height: custom.heightMm });
  return t(($) => $.operator.jobs.profile.size[pageSizeChoice(pageSize)]);
}
