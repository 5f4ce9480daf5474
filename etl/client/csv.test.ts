/**
 * The RFC 4180 reader on the edge cases chat history exports hit: quotes, commas and line breaks
 * inside quotes, CRLF, empty fields, a BOM, and malformed input reported with its line.
 */
import { describe, expect, it } from 'vitest';
import { CsvError, csvRecords, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it.each([
    ['plain fields, LF', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF records', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\r\n1,2', [['a', 'b'], ['1', '2']]],
    ['a lone CR ends a record', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['a comma inside quotes', '"x, y",z', [['x, y', 'z']]],
    ['a doubled quote inside quotes', '"she said ""hi""",2', [['she said "hi"', '2']]],
    ['LF and CRLF inside quotes are kept as they are', '"line 1\nline 2","a\r\nb"\r\nnext,row', [['line 1\nline 2', 'a\r\nb'], ['next', 'row']]],
    ['empty fields, an empty quoted field, a trailing comma', 'a,,"",\r\n', [['a', '', '', '']]],
    ['a field that is only a quote', '""""', [['"']]],
    ['spaces are data', ' a , b ', [[' a ', ' b ']]],
    ['a stray quote inside an unquoted field is kept', 'ab"c,d', [['ab"c', 'd']]],
    ['an empty line is a record with one empty field', 'a\n\nb', [['a'], [''], ['b']]],
    ['a UTF-8 byte order mark is dropped', '\uFEFFa,b\n', [['a', 'b']]],
    ['emoji and accents', '"¿qué? 👍",ñ', [['¿qué? 👍', 'ñ']]],
    ['empty input', '', []],
    ['only a BOM', '\uFEFF', []],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it('an unterminated quote is an error at the line where the quote opened', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\nstill open')).toThrow(new CsvError('unterminated quoted field', 2));
  });

  it('text after a closing quote is an error at its line (line breaks inside quotes counted)', () => {
    expect(() => parseCsv('a\r\n"x\r\ny"z,1')).toThrow(new CsvError('unexpected "z" after a closing quote', 3));
  });
});

describe('csvRecords', () => {
  const HEADER = 'messageId,messageDate,sendType,contentType,status,profileName,contactId,agentConversationId,agentId,agentCloseReason,dfIntentName,isFallback,content,integration,channel';

  it('maps records to the header, skipping blank lines', () => {
    const text = `${HEADER}\r\nm1,2026-11-20T10:00:00Z,input,text,read,"Pérez, Ana",c1,,,,,false,"Hola,\r\n¿me ayudas? ""urgente""",wa,whatsapp\r\n\r\nm2,2026-11-20T10:00:05Z,dialogflow,text,sent,,c1,,,,greeting,true,,wa,whatsapp\r\n`;
    const t = csvRecords(text);
    expect(t.header).toEqual(HEADER.split(','));
    expect(t.records).toHaveLength(2);
    expect(t.records[0]).toMatchObject({ messageId: 'm1', profileName: 'Pérez, Ana', agentId: '', content: 'Hola,\r\n¿me ayudas? "urgente"', channel: 'whatsapp' });
    expect(t.records[1]).toMatchObject({ sendType: 'dialogflow', dfIntentName: 'greeting', isFallback: 'true', content: '' });
  });

  it('a header alone, or nothing at all, has no records', () => {
    expect(csvRecords('a,b\r\n')).toEqual({ header: ['a', 'b'], records: [] });
    expect(csvRecords('')).toEqual({ header: [], records: [] });
  });

  it('a record with the wrong number of fields is an error at its line', () => {
    expect(() => csvRecords('a,b\r\n1,"x\r\ny"\r\n1,2,3\r\n')).toThrow(new CsvError('record has 3 fields, the header has 2', 4));
  });

  it('an empty or repeated column name is an error', () => {
    expect(() => csvRecords('a,,b\r\n')).toThrow(/empty column name/);
    expect(() => csvRecords('a,b,a\r\n')).toThrow(/column "a" appears twice/);
  });

  it('expectedHeader reports the columns missing and unexpected (schema drift), and order changes', () => {
    expect(() => csvRecords('a,c\r\n1,2', { expectedHeader: ['a', 'b'] })).toThrow(/missing: b; unexpected: c/);
    expect(() => csvRecords('b,a\r\n1,2', { expectedHeader: ['a', 'b'] })).toThrow(/missing: none; unexpected: none/);
    expect(csvRecords('a,b\r\n1,2', { expectedHeader: ['a', 'b'] }).records).toEqual([{ a: '1', b: '2' }]);
  });

  it("keys each record in sorted column order (canonical JSON's), whatever the header's order", () => {
    const t = csvRecords('sendType,messageId,channel,10,2\r\nin,m1,wa,x,y\r\n');
    expect(t.header).toEqual(['sendType', 'messageId', 'channel', '10', '2']);
    expect(Object.keys(t.records[0]!)).toEqual(['2', '10', 'channel', 'messageId', 'sendType']);
    expect(t.records[0]).toEqual({ sendType: 'in', messageId: 'm1', channel: 'wa', '10': 'x', '2': 'y' });
  });

  it('a column named __proto__ stays data', () => {
    const r = csvRecords('__proto__,x\r\n1,2').records[0]!;
    expect(Object.keys(r)).toEqual(['__proto__', 'x']);
    expect(r['__proto__']).toBe('1');
  });
});
