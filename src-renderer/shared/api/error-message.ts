// What to show for a failed request: the router's message verbatim, or the transport's.
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
