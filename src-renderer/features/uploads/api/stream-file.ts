// The browser path for a chosen File (`pinfleet serve`): its body is streamed to POST /upload,
// which answers the local path main stored it at; uploads.start then takes that path. In Electron
// main reads the File's own path instead (lib/file-route.ts). The sending itself is shared with
// the wizards' key and image files (shared/api/send-file.ts).
export { sendFileToConsole as streamFileToMain } from '../../../shared/api/send-file';
