// How each kind of alert is named and how loudly it is shown. Pure.
import type { AlertKind } from '../../../../src-preload/contract/health-types';

export const ALERT_KIND_LABEL: Record<AlertKind, string> = {
  'fill-80': 'Over 80 % full',
  'fill-95': 'Over 95 % full',
  unreachable: 'Unreachable',
  recovered: 'Recovered',
};

export type AlertTone = 'warning' | 'danger' | 'success';

export const ALERT_KIND_TONE: Record<AlertKind, AlertTone> = {
  'fill-80': 'warning',
  'fill-95': 'danger',
  unreachable: 'danger',
  recovered: 'success',
};
