// A libp2p Ed25519 identity made with node:crypto, in the encodings IPFS Cluster's identity.json
// uses: the private key as base64 of its libp2p protobuf, the peer ID as base58btc of an identity
// multihash of the public key protobuf. Knowing every peer's ID before any peer starts is what
// lets each Cluster peer start with the explicit addresses of all the others.
import { generateKeyPairSync } from 'node:crypto';

export interface Libp2pIdentity {
  id: string;
  privateKey: string;
}

const ed25519KeyType = [0x08, 0x01]; // protobuf field 1 (KeyType), varint 1 = Ed25519

export function generateLibp2pIdentity(): Libp2pIdentity {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d ?? '', 'base64url');
  const publicKey = Buffer.from(jwk.x ?? '', 'base64url');
  // libp2p stores an Ed25519 private key as seed || public key (64 bytes).
  const privateProto = Buffer.from([...ed25519KeyType, 0x12, 64, ...seed, ...publicKey]);
  const publicProto = Buffer.from([...ed25519KeyType, 0x12, 32, ...publicKey]);
  const identityMultihash = Buffer.from([0x00, publicProto.length, ...publicProto]);
  return { id: base58btc(identityMultihash), privateKey: privateProto.toString('base64') };
}

const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (value > 0n) {
    out = alphabet[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}
