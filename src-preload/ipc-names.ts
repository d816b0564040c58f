// IPC channel names are prefixed so Pinfleet's channels never collide with Electron's own.
export const INVOKE_CHANNEL_PREFIX = 'pinfleet:';
export const EVENT_CHANNEL_PREFIX = 'pinfleet-event:';
