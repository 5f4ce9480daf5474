/**
 * JSON.parse keeps the last of two equal keys, so `{"project_id":"1","project_id":"2"}` reads as
 * project 2 here while another parser (a proxy, indigitall's own services) may read project 1. A token
 * whose header or payload repeats a name is refused before its claims are read: this scanner walks the
 * JSON text once and reports a repeated key in any object at any depth (and text that is not JSON).
 */
export function hasDuplicateKeys(text: string): boolean {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw new SyntaxError('not JSON');
  };
  const string = (): string => {
    if (text[i] !== '"') fail();
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string; // decodes escapes: "a" and "\u0061" are the same key
  };
  const value = (depth: number): void => {
    if (depth > 64) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = string();
        if (keys.has(key)) throw new DuplicateKey();
        keys.add(key);
        ws();
        if (text[i++] !== ':') fail();
        value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === '}') return;
        if (sep !== ',') fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        const sep = text[i++];
        if (sep === ']') return;
        if (sep !== ',') fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value(0);
    ws();
    return i !== text.length;
  } catch {
    return true;
  }
}

class DuplicateKey extends Error {}

/** True when a compact JWS's header or payload is not JSON or repeats a name. */
export function jwtRepeatsNames(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false; // not a compact JWS: jose refuses it on its own
  try {
    return parts.slice(0, 2).some((p) => hasDuplicateKeys(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(p, 'base64url'))));
  } catch {
    return true;
  }
}
