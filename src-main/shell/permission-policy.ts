// Pinfleet's renderer needs none of the web platform's permissions (camera, notifications,
// geolocation, HID, clipboard, fullscreen…): every feature goes through main. So every
// permission request and every permission check is answered "no"; a future need is granted
// here by name, in review, with a test.

export function isPermissionGranted(_permission: string): boolean {
  return false;
}
