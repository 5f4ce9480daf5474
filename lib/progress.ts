/**
 * A one-line progress bar redrawn in place on a TTY (the rest of the line cleared, since bars of
 * concurrent runs take turns on it); one line per finished bar otherwise (CI logs).
 */
export class Progress {
  constructor(private readonly out: NodeJS.WriteStream) {}

  update(label: string, done: number, total: number): void {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    const line = `  ${label.padEnd(30)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (this.out.isTTY) this.out.write(`\r${line}\x1b[K${done === total ? '\n' : ''}`);
    else if (done === total) this.out.write(line + '\n');
  }
}
