import { createFieldCrypto } from '../packages/server/src/crypto/field-crypto';
import { keysFromMaster } from '../packages/server/src/crypto/keys';
import { createHmac, createCipheriv, randomBytes } from 'node:crypto';
const c = createFieldCrypto(keysFromMaster(Buffer.alloc(32, 7), 'ephemeral'));
const N = 100000;
let t = performance.now();
for (let i = 0; i < N; i++) c.encrypt('33078119400315123X');
console.log('encrypt', ((performance.now() - t) * 1000 / N).toFixed(2), 'us');
t = performance.now();
for (let i = 0; i < N; i++) c.blindIndex('id_number', '33078119400315123X');
console.log('hmac', ((performance.now() - t) * 1000 / N).toFixed(2), 'us');
const key = randomBytes(32), iv = randomBytes(12);
t = performance.now();
for (let i = 0; i < N; i++) { const x = createCipheriv('aes-256-gcm', key, iv); x.update('33078119400315123X'); x.final(); x.getAuthTag(); }
console.log('raw gcm', ((performance.now() - t) * 1000 / N).toFixed(2), 'us');
