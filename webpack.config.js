/* Builds the add-in into dist/: taskpane.html (the shared runtime page, which also loads the
 * custom functions), functions.js, functions.json (generated from JSDoc), assets, the manifest and
 * the docs (rendered
 * to HTML) that the functions' help links open. `npm run build` needs no certificates and no network. */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");
const { GriffelCSSExtractionPlugin } = require("@griffel/webpack-extraction-plugin");
const { functionFiles } = require("./scripts/function-files");
const { DEV_URL, DocsPagesPlugin, PublicUrlPlugin, docsPages } = require("./scripts/webpack-plugins");

async function devServerHttps() {
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // Where the built add-in will be hosted: a production build points the manifest, the functions'
  // help links and the task pane's links there (CHOKEPOINT_PUBLIC_URL); development stays on localhost.
  const publicUrl = dev ? DEV_URL : process.env.CHOKEPOINT_PUBLIC_URL || DEV_URL;
  const functionSources = functionFiles();
  // Modules evaluated at build time and shipped as data (scripts/prerender-loader.js).
  const prerendered = /[\\/]src[\\/]taskpane[\\/]templateList\.ts$/;
  return {
    devtool: "source-map",
    entry: {
      functions: functionSources,
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "functions" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The pane renders with Preact's React-compatible layer instead of React DOM: the same components
      // and Fluent UI, about 10 KB gzip of renderer instead of 67 KB (React DOM, React, its scheduler).
      // The source is written and type-checked against React's API; only the bundle swaps the renderer.
      // The browser test drives every pane view on it, and its screenshots match React's pixel for pixel
      // apart from transitions caught mid-way (README, "What the add-in's page loads").
      // CHOKEPOINT_REACT_DOM=1 builds with React DOM instead, to compare the two.
      alias: process.env.CHOKEPOINT_REACT_DOM ? {} : {
        "react-dom/client": "preact/compat/client",
        "react-dom": "preact/compat",
        "react/jsx-runtime": "preact/jsx-runtime",
        react: "preact/compat",
        // React's scheduler, which Fluent's context selector asks to run an update at normal priority:
        // Preact's shim runs it at once, as the scheduler itself does.
        scheduler: "preact/compat/scheduler",
      },
    },
    module: {
      rules: [
        // Fluent UI's styles as a stylesheet (griffel.css) instead of CSS text inside the JavaScript that
        // Griffel inserts at run time: less script to load and run, the same rules (Fluent's packages
        // ship their styles precompiled; this moves them out).
        { test: /\.m?js$/, include: /[\\/]node_modules[\\/]@fluentui[\\/]/, use: { loader: GriffelCSSExtractionPlugin.loader } },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
        {
          test: /\.tsx?$/,
          exclude: [/node_modules/, prerendered],
          // ES modules for webpack (tsconfig says commonjs for Node), so Fluent UI tree-shakes.
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } },
        },
        {
          // The pane's list of templates, computed now: the page carries the list, not the templates' code.
          test: prerendered,
          type: "javascript/auto",
          use: path.resolve(__dirname, "scripts/prerender-loader.js"),
        },
        {
          // The reference datasets, in their compact columnar form (the JSON files are unchanged).
          test: /[\\/]src[\\/]data[\\/]generated[\\/][^\\/]+\.json$/,
          type: "javascript/auto",
          use: path.resolve(__dirname, "scripts/dataset-loader.js"),
        },
      ],
    },
    optimization: {
      // The pane's entry depends on the functions' entry: functions.js carries the webpack runtime, the
      // reference data, the core and the functions, and runs on its own; taskpane.js and the chunks it
      // loads later (the Office adapter) reuse those module instances and never repeat them. The page
      // runs one runtime, and the data is shipped, parsed and held once.
      splitChunks: { cacheGroups: { default: false, defaultVendors: false } },
    },
    performance: { maxAssetSize: 4_000_000, maxEntrypointSize: 4_000_000 },
    plugins: [
      new MiniCssExtractPlugin(),
      new GriffelCSSExtractionPlugin(),
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionSources }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // The functions first, so they are registered before the pane renders.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "docs/*.md", to: "docs/[name][ext]", noErrorOnMissing: true },
          { from: "docs/images/*.png", to: "docs/images/[name][ext]", noErrorOnMissing: true },
          { from: "manifest.xml", to: "[name][ext]" },
        ],
      }),
      new DocsPagesPlugin(__dirname, docsPages(__dirname)),
      new PublicUrlPlugin(publicUrl),
    ],
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      static: { directory: path.resolve(__dirname, "dist") },
      server: { type: "https", options: env.WEBPACK_SERVE ? await devServerHttps() : undefined },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
