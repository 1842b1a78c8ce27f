import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    plugins: { drizzle },
    rules: {
      // An UPDATE or DELETE without WHERE would touch every organization's rows.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "database"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Data flows one way: app/ → lib/ → db/ (components/ is UI, beside app/). Nothing imports
    // upward, and no module imports itself round a circle. Tests may set up through any layer.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./db",
              from: ["./lib", "./app", "./components"],
              message: "db/ is the bottom layer: move the code it needs into db/ (app/ → lib/ → db/).",
            },
            {
              target: "./lib",
              from: ["./app", "./components"],
              message: "lib/ must not import the UI: move the code it needs into lib/ (app/ → lib/ → db/).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx,mjs}"],
    // Only the project's own modules are followed: packages are never parsed.
    settings: { "import/ignore": ["node_modules"] },
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    ignores: [
      ".next/**",
      "dist/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
