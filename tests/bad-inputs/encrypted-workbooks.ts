import { createHash } from "node:crypto";
import * as XLSX from "@e965/xlsx";
import officeCrypto from "officecrypto-tool";

// Real password-protected workbooks for the bad-input corpus, made in code:
// - XLSX: ECMA-376 agile encryption (what Excel 2010+ writes for File → Info → Encrypt with
//   Password; Excel 2007 wrote "standard" encryption), by officecrypto-tool (a devDependency used only here and in the test that decrypts
//   them again); SheetJS's community build cannot encrypt.
// - XLS: a SheetJS BIFF8 workbook with a FILEPASS record inserted after its first BOF and every
//   other record encrypted with RC4 CryptoAPI (MS-XLS 2.2.10 and 2.4.117, MS-OFFCRYPTO 2.3.5),
//   what Excel 2003 and later write when they save an .xls with a password. No npm package
//   encrypts an XLS; officecrypto-tool decrypts one, which is how the test proves this one is real.

export const CORPUS_PASSWORD = "Roster-2026";

/** The XLSX encrypted with `password` as Excel does: ECMA-376 agile (2010 and later) or standard (2007). */
export function encryptedXlsx(
  xlsx: Uint8Array,
  password = CORPUS_PASSWORD,
  type: "agile" | "standard" = "agile",
): Uint8Array {
  return new Uint8Array(
    officeCrypto.encrypt(Buffer.from(xlsx), type === "standard" ? { password, type } : { password }),
  );
}

const BOF = 0x0809;
const FILEPASS = 0x002f;
const BOUNDSHEET8 = 0x0085;
/** Records MS-XLS 2.2.10 says are never encrypted: BOF, FilePass, UsrExcl, FileLock, InterfaceHdr, RRDInfo, RRDHead. */
const CLEAR_RECORDS = new Set([BOF, FILEPASS, 0x0194, 0x0195, 0x00e1, 0x0196, 0x0138]);
/** Records holding stream offsets other than BoundSheet8's (Index, ExtSST): not moved here, so refused. */
const OFFSET_RECORDS = new Set([0x020b, 0x00ff]);
const REKEY_BLOCK = 1024;

type BiffRecord = { type: number; data: Buffer };

/** A BIFF8 (.xls) workbook encrypted with `password` (RC4 CryptoAPI, 128-bit key, SHA-1). */
export function encryptedXls(xls: Uint8Array, password = CORPUS_PASSWORD): Uint8Array {
  const container = XLSX.CFB.read(xls, { type: "array" });
  const entry = XLSX.CFB.find(container, "Workbook");
  if (!entry?.content) throw new Error("not a BIFF8 workbook: no Workbook stream");
  const records = biffRecords(Buffer.from(entry.content as Uint8Array));
  if (records[0]?.type !== BOF) throw new Error("the Workbook stream does not start with BOF");
  if (records.some((r) => OFFSET_RECORDS.has(r.type)))
    throw new Error("the workbook has Index/ExtSST records, whose offsets this does not move");

  // Deterministic, so the corpus file is the same on every run.
  const salt = createHash("md5").update("rostersync corpus salt").digest();
  const verifier = createHash("md5").update("rostersync corpus verifier").digest();
  const filePass: BiffRecord = { type: FILEPASS, data: filePassData(password, salt, verifier) };
  const shift = 4 + filePass.data.length;
  const withPass = [records[0], filePass, ...records.slice(1)].map((record) => {
    if (record.type !== BOUNDSHEET8) return record;
    const data = Buffer.from(record.data);
    data.writeUInt32LE(data.readUInt32LE(0) + shift, 0); // lbPlyPos: the sheet's BOF moved by the FILEPASS record
    return { type: record.type, data };
  });

  const stream = Buffer.concat(withPass.flatMap((r) => [header(r), r.data]));
  const keystream = new Keystream(password, salt);
  let at = 0;
  for (const record of withPass) {
    at += 4; // record headers stay clear; the keystream still moves past them
    const from = CLEAR_RECORDS.has(record.type) ? record.data.length : record.type === BOUNDSHEET8 ? 4 : 0; // lbPlyPos stays clear
    for (let i = from; i < record.data.length; i++) stream[at + i]! ^= keystream.at(at + i);
    at += record.data.length;
  }

  const out = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(out, "/Workbook", stream);
  return new Uint8Array(XLSX.CFB.write(out, { type: "buffer", fileType: "cfb" }) as Buffer);
}

function biffRecords(stream: Buffer): BiffRecord[] {
  const records: BiffRecord[] = [];
  for (let at = 0; at + 4 <= stream.length;) {
    const type = stream.readUInt16LE(at);
    const size = stream.readUInt16LE(at + 2);
    records.push({ type, data: stream.subarray(at + 4, at + 4 + size) });
    at += 4 + size;
  }
  return records;
}

function header(record: BiffRecord): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt16LE(record.type, 0);
  out.writeUInt16LE(record.data.length, 2);
  return out;
}

const CSP_NAME = "Microsoft Enhanced Cryptographic Provider v1.0\0";

/** FILEPASS for RC4 CryptoAPI: encryption type, version 4.2, the EncryptionHeader and the EncryptionVerifier. */
function filePassData(password: string, salt: Buffer, verifier: Buffer): Buffer {
  const u16 = (n: number) => Buffer.from([n & 0xff, n >> 8]);
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    return b;
  };
  const encryptionHeader = Buffer.concat([
    u32(0x04), // Flags: fCryptoAPI
    u32(0), // SizeExtra
    u32(0x6801), // AlgID: RC4
    u32(0x8004), // AlgIDHash: SHA-1
    u32(128), // KeySize in bits
    u32(0x01), // ProviderType: PROV_RSA_FULL
    u32(0),
    u32(0),
    Buffer.from(CSP_NAME, "utf16le"),
  ]);
  const cipher = new Rc4(blockKey(password, salt, 0));
  const encryptedVerifier = cipher.apply(verifier);
  const encryptedVerifierHash = cipher.apply(createHash("sha1").update(verifier).digest());
  return Buffer.concat([
    u16(0x0001), // wEncryptionType: RC4
    u16(0x0004),
    u16(0x0002), // EncryptionVersionInfo 4.2: RC4 CryptoAPI
    u32(0x04), // Flags
    u32(encryptionHeader.length),
    encryptionHeader,
    u32(salt.length),
    salt,
    encryptedVerifier,
    u32(20),
    encryptedVerifierHash,
  ]);
}

/** MS-OFFCRYPTO 2.3.5.2: SHA-1 of salt + password (UTF-16LE), then of that + the block number. */
function blockKey(password: string, salt: Buffer, block: number): Buffer {
  const h0 = createHash("sha1")
    .update(Buffer.concat([salt, Buffer.from(password, "utf16le")]))
    .digest();
  const blockBytes = Buffer.alloc(4);
  blockBytes.writeUInt32LE(block, 0);
  return createHash("sha1")
    .update(Buffer.concat([h0, blockBytes]))
    .digest()
    .subarray(0, 16);
}

/** The RC4 keystream by stream offset: a new key every 1,024 bytes. */
class Keystream {
  private block = -1;
  private bytes: Uint8Array = new Uint8Array(0);
  constructor(
    private readonly password: string,
    private readonly salt: Buffer,
  ) {}

  at(offset: number): number {
    const block = Math.floor(offset / REKEY_BLOCK);
    if (block !== this.block) {
      this.block = block;
      this.bytes = new Rc4(blockKey(this.password, this.salt, block)).apply(Buffer.alloc(REKEY_BLOCK));
    }
    return this.bytes[offset % REKEY_BLOCK]!;
  }
}

/** RC4 (OpenSSL 3 no longer offers it by default). */
class Rc4 {
  private readonly s = Array.from({ length: 256 }, (_, i) => i);
  private i = 0;
  private j = 0;
  constructor(key: Buffer) {
    for (let i = 0, j = 0; i < 256; i++) {
      j = (j + this.s[i]! + key[i % key.length]!) & 0xff;
      [this.s[i], this.s[j]] = [this.s[j]!, this.s[i]!];
    }
  }

  apply(data: Buffer): Buffer {
    const out = Buffer.alloc(data.length);
    for (let n = 0; n < data.length; n++) {
      this.i = (this.i + 1) & 0xff;
      this.j = (this.j + this.s[this.i]!) & 0xff;
      [this.s[this.i], this.s[this.j]] = [this.s[this.j]!, this.s[this.i]!];
      out[n] = data[n]! ^ this.s[(this.s[this.i]! + this.s[this.j]!) & 0xff]!;
    }
    return out;
  }
}
