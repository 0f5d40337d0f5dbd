// Lint rules, as create-t3-app's template sets them up: Next's core-web-vitals and TypeScript
// rules from eslint-config-next (which brings typescript-eslint, react-hooks and import), plus a
// few house rules. Module boundaries and cycles are checked by server/api/architecture.test.ts.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "server/db/generated/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/array-type": "off",
      "@typescript-eslint/consistent-type-definitions": "off",
      // We do not run the React Compiler; this only reports that react-hook-form's watch() opts out of it.
      "react-hooks/incompatible-library": "off",
      // After sign-in and sign-out the browser loads the next page in full on purpose, so no client
      // cache of the previous identity survives (router.push would keep it).
      "@next/next/no-location-assign-relative-destination": "off",
    },
  },
]);
