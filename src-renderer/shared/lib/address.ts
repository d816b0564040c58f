/** `host:port` as an admin would type it into ssh; IPv6 literals get their brackets. */
export function formatAddress(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${bracketed}:${port}`;
}
