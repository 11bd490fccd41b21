/** Builds the add-in with the project's own webpack.config.js into a folder, for tests of dist/. */
import path from "path";
import webpack from "webpack";

export const ROOT = path.resolve(__dirname, "../..");

export function compile(config: webpack.Configuration): Promise<void> {
  return new Promise((resolve, reject) =>
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

/** The add-in as `npm run build` (production) or `build:dev` makes it, written to `outDir`. */
export async function buildAddIn(mode: "production" | "development", outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<webpack.Configuration>;
  const config = await makeConfig({}, { mode });
  await compile({ ...config, mode, context: ROOT, devtool: false, output: { ...config.output, path: outDir } });
}
