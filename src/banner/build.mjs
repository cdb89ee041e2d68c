// Bundles the banner, its stylesheet and the blocker into one folder: esbuild bundles (ES2019, IIFE), terser
// compresses the scripts a little further than esbuild alone (the banner has a 5,000-byte gzip budget), esbuild
// minifies the CSS. Used by the Consentry.AspNetCore build and by bench/banner-size.sh, so both ship the same bytes.
// Usage: node build.mjs <out dir>
import { build } from 'esbuild';
import { minify } from 'terser';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <out dir>');
  process.exit(2);
}

async function script(entry, file) {
  const bundled = await build({ entryPoints: [entry], bundle: true, format: 'iife', target: 'es2019', write: false, logLevel: 'warning' });
  const min = await minify(bundled.outputFiles[0].text, {
    ecma: 2019,
    toplevel: true,
    compress: { passes: 3, unsafe: true, unsafe_arrows: true, pure_getters: true },
    mangle: { toplevel: true },
    // CONSENTRY_BLOCK is the blocker's token the server replaces with the site's facts: never renamed.
    format: { comments: false },
  });
  await writeFile(join(out, file), min.code);
}

await script('src/index.ts', 'banner.js');
await script('src/blocker.ts', 'blocker.js');
await build({ entryPoints: ['src/banner.css'], minify: true, outfile: join(out, 'banner.css'), logLevel: 'warning' });
