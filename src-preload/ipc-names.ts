// IPC channel names are prefixed so Pinfleet's channels never collide with Electron's own.
export const INVOKE_CHANNEL_PREFIX = 'pinfleet:';
export const EVENT_CHANNEL_PREFIX = 'pinfleet-event:';
// Files the admin gives the window, outside the contract: the preload tells main the path of a
// File it read with webUtils.getPathForFile (`dropped`), and asks main to show its own open dialog
// (`choose`). Main reads only local paths that came one of these two ways (src-main/files).
export const FILES_DROPPED_CHANNEL = 'pinfleet-files:dropped';
export const FILES_CHOOSE_CHANNEL = 'pinfleet-files:choose';
