/** Reads required configuration at module load, so a misconfigured function fails at cold start, not mid-request. */
export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
};
