import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The typeface of certificate documents: Noto Serif SC (SIL Open Font License 1.1), shipped as static
 * TrueType files by this npm package. Only the glyphs a document uses are embedded (ADR 0003).
 */
export const CERTIFICATE_FONT_PACKAGE = '@expo-google-fonts/noto-serif-sc';

/** Font files inside the package. A bundled Lambda function needs exactly these two. */
export const certificateFontFiles = {
  regular: '400Regular/NotoSerifSC_400Regular.ttf',
  bold: '700Bold/NotoSerifSC_700Bold.ttf',
} as const;
export type CertificateFontWeight = keyof typeof certificateFontFiles;

/**
 * Folder beside a bundled handler (`/var/task/fonts/` in Lambda) that holds the files under their base
 * names; the deployment copies them there, because esbuild bundles code, not font files.
 */
export const BUNDLED_FONT_FOLDER = 'fonts';

/**
 * What the deployment copies into a bundle that renders certificates: `from` relative to the project
 * root, `to` relative to the bundle's root.
 */
export const certificateFontAssets: readonly { from: string; to: string }[] = Object.values(
  certificateFontFiles,
).map((file) => ({
  from: `node_modules/${CERTIFICATE_FONT_PACKAGE}/${file}`,
  to: `${BUNDLED_FONT_FOLDER}/${basename(file)}`,
}));

/** Overrides where the files are looked for first, e.g. `/opt/fonts` for a Lambda layer. */
export const CERTIFICATE_FONT_DIR_VARIABLE = 'CERTIFICATE_FONT_DIR';

/**
 * Absolute path of a font file: `$CERTIFICATE_FONT_DIR`, then the folder beside the running module
 * (the bundle), then the package in node_modules (source runs: tests, the local cloud).
 */
export const certificateFontPath = (weight: CertificateFontWeight): string => {
  const file = certificateFontFiles[weight];
  const candidates = [
    process.env[CERTIFICATE_FONT_DIR_VARIABLE],
    fileURLToPath(new URL(`./${BUNDLED_FONT_FOLDER}/`, import.meta.url)),
  ].flatMap((folder) => (folder ? [join(folder, basename(file))] : []));
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  try {
    return createRequire(import.meta.url).resolve(`${CERTIFICATE_FONT_PACKAGE}/${file}`);
  } catch {
    throw new Error(
      `Certificate font ${basename(file)} not found in ${candidates.join(', ')} nor in ${CERTIFICATE_FONT_PACKAGE}`,
    );
  }
};
