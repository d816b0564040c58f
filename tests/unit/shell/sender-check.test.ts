import { describe, expect, it } from 'vitest';
import { senderRejection, type SenderFacts } from '../../../src-main/shell/sender-check.js';

const OUR_ID = 7;
const isOurs = (id: number) => id === OUR_ID;
const mainFrame = { processId: 3, routingId: 1 };

function event(overrides: {
  url?: string;
  parent?: unknown;
  frame?: { processId: number; routingId: number };
  senderId?: number;
  noFrame?: boolean;
}): SenderFacts {
  const frame = overrides.frame ?? mainFrame;
  return {
    sender: { id: overrides.senderId ?? OUR_ID, mainFrame },
    senderFrame: overrides.noFrame
      ? null
      : { url: overrides.url ?? 'pinfleet://app/index.html', parent: overrides.parent ?? null, ...frame },
  };
}

describe('senderRejection', () => {
  it.each([
    ['the main frame of our window on pinfleet://app/', event({}), null],
    ['a deep route of the app', event({ url: 'pinfleet://app/index.html#/nodes/alpha' }), null],
    ['a frame that is gone', event({ noFrame: true }), 'the sending frame is gone'],
    ['a page on the web', event({ url: 'https://evil.example/' }), 'the sending frame is not showing Pinfleet'],
    ['a file:// page', event({ url: 'file:///tmp/x.html' }), 'the sending frame is not showing Pinfleet'],
    ['about:blank', event({ url: 'about:blank' }), 'the sending frame is not showing Pinfleet'],
    ['a look-alike host', event({ url: 'pinfleet://app.evil/index.html' }), 'the sending frame is not showing Pinfleet'],
    ['a subframe on our origin', event({ parent: { url: 'pinfleet://app/' }, frame: { processId: 3, routingId: 9 } }), 'the sender is a subframe'],
    ['another webContents', event({ senderId: 99 }), 'the sender is not a Pinfleet window'],
    ['a frame that is not its window’s main frame', event({ frame: { processId: 4, routingId: 1 } }), 'the sender is not the main frame of its window'],
  ])('%s', (_label, facts, expected) => {
    expect(senderRejection(facts, isOurs)).toBe(expected);
  });
});
