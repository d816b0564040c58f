// The Ed25519 identities "Set up a cluster" makes for its peers: the encodings IPFS Cluster reads.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateLibp2pIdentity } from '../../../src-main/cluster/libp2p-identity.js';

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58Decode(text: string): Buffer {
  let value = 0n;
  for (const ch of text) value = value * 58n + BigInt(alphabet.indexOf(ch));
  const hex = value.toString(16);
  const zeros = /^1*/.exec(text)![0].length; // each leading "1" is a zero byte
  return Buffer.concat([Buffer.alloc(zeros), Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')]);
}

describe('generateLibp2pIdentity', () => {
  it('a peer ID of the Ed25519 kind (12D3KooW…) whose identity multihash holds the public key', () => {
    const identity = generateLibp2pIdentity();
    expect(identity.id).toMatch(/^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/);
    const multihash = base58Decode(identity.id);
    expect([...multihash.subarray(0, 6)]).toEqual([0x00, 36, 0x08, 0x01, 0x12, 32]);
    const privateProto = Buffer.from(identity.privateKey, 'base64');
    expect([...privateProto.subarray(0, 4)]).toEqual([0x08, 0x01, 0x12, 64]);
    // The private key's second half is the public key the ID names.
    expect(privateProto.subarray(36).equals(multihash.subarray(6))).toBe(true);
  });

  it('the private key signs what the ID public key verifies', () => {
    const identity = generateLibp2pIdentity();
    const privateProto = Buffer.from(identity.privateKey, 'base64');
    const seed = privateProto.subarray(4, 36);
    const publicKey = base58Decode(identity.id).subarray(6);
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
    const signature = sign(null, Buffer.from('pinfleet'), createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
    expect(verify(null, Buffer.from('pinfleet'), createPublicKey({ key: spki, format: 'der', type: 'spki' }), signature)).toBe(true);
  });

  it('a new identity each time', () => {
    expect(generateLibp2pIdentity().id).not.toBe(generateLibp2pIdentity().id);
  });
});
