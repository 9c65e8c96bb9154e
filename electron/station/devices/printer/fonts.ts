import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../package-root.js';

export interface ReceiptFonts {
  regular: string;
  bold: string;
}

/**
 * The Noto Sans files shipped in resources/fonts. They cover Uzbek (both scripts), Kazakh and
 * Russian, so receipts look the same whatever fonts the operating system has. Found beside the app
 * (source tree, dist/) or, in the packaged app, in its resources folder.
 */
export function receiptFonts(fontDir?: string): ReceiptFonts {
  const candidates = fontDir
    ? [fontDir]
    : [
        safe(() => path.join(packageRoot(), 'resources', 'fonts')),
        safe(() => path.join((process as { resourcesPath?: string }).resourcesPath ?? '', 'fonts')),
      ];
  for (const dir of candidates) {
    if (!dir) continue;
    const regular = path.join(dir, 'NotoSans-Regular.ttf');
    if (fs.existsSync(regular)) {
      const bold = path.join(dir, 'NotoSans-Bold.ttf');
      return { regular, bold: fs.existsSync(bold) ? bold : regular };
    }
  }
  throw new Error(`receipt font NotoSans-Regular.ttf not found (looked in ${candidates.join(', ')})`);
}

function safe(f: () => string): string | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
