import fs from 'node:fs';
import path from 'node:path';

/**
 * The app's own folder (the one with our package.json), found by walking up from this module.
 * The same code runs from source (tests) and from the bundle in dist/, at different depths.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'bitig') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Bitig's package.json above ${from}`);
    dir = parent;
  }
}

/** Where `npm run build` puts the screens. */
export function defaultRendererRoot(root = packageRoot()): string {
  return path.join(root, 'dist', 'renderer');
}
