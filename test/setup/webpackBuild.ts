/** Builds the add-in with the project's own webpack.config.js into a folder, for tests of dist/. */
import path from "path";
import webpack from "webpack";

export const ROOT = path.resolve(__dirname, "../..");

export function compile(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err || !stats) return reject(err ?? new Error("webpack gave no result"));
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    }),
  );
}

/** The add-in as `npm run build` (production) or `build:dev` makes it, written to `outDir`; resolves
 * with webpack's account of the build (which module went into which chunk). */
export async function buildAddIn(mode: "production" | "development", outDir: string): Promise<webpack.Stats> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode });
  return compile({ ...config, mode, context: ROOT, devtool: false, output: { ...config.output, path: outDir } });
}
