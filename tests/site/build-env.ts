// The environment for a site build started from a test. vitest puts its own import.meta.env into process.env
// (NODE_ENV=test, BASE_URL=/, PROD, DEV…), which a child build would inherit: a development build (no service
// worker, no scratch-file clean-up) at base "/". A static host gets a production build, so the tests build one.
export function productionBuildEnv(): NodeJS.ProcessEnv {
  const { BASE_URL, MODE, DEV, PROD, SSR, ...inherited } = process.env;
  return { ...inherited, NODE_ENV: 'production' };
}
