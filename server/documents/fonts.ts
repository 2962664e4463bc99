// The CJK font every document is set in: Noto Sans SC from the npm package, because these machines
// cannot fetch fonts at build or run time and the PDF must carry its own glyphs.
import { createRequire } from "node:module";
import path from "node:path";

export interface FontFiles {
  regular: string;
  bold: string;
}

let files: FontFiles | null = null;

/**
 * Absolute paths of the Noto Sans SC TTFs (400 and 700), resolved by Node from wherever npm put
 * the package. Works under tsx, vitest and Next's Node runtime: Next's bundler would otherwise turn
 * require.resolve into a module id (checked: it returns a number), so the call is marked for it to
 * leave alone; Node then resolves from this source file's location.
 */
export function notoSansScFiles(): FontFiles {
  if (files) return files;
  const packageJson = createRequire(import.meta.url).resolve(
    /* turbopackIgnore: true */ /* webpackIgnore: true */ "@expo-google-fonts/noto-sans-sc/package.json",
  );
  const root = path.dirname(packageJson);
  files = {
    regular: path.join(root, "400Regular", "NotoSansSC_400Regular.ttf"),
    bold: path.join(root, "700Bold", "NotoSansSC_700Bold.ttf"),
  };
  return files;
}
