/** The value of KEY in a container's `KEY=value` environment list, or undefined when it is not set. */
export const envValue = (env: readonly string[], key: string): string | undefined =>
  env.find((entry) => entry.startsWith(`${key}=`))?.slice(key.length + 1);
