// The shared formatting lives beside the contract so the CLI and the UI print figures alike.
export { formatBytes, formatPercent, formatRate } from '../../../src-preload/contract/format';
