export interface Instruction {
  line: number;
  op: string;
  args: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** Stages of a Dockerfile with their instructions (continuation lines joined, comments dropped). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (!pending) start = i + 1;
    pending += (pending ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const [op = '', ...rest] = pending.split(/\s+/);
    const args = rest.join(' ');
    pending = '';
    if (op.toUpperCase() === 'FROM') {
      const m = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
      stages.push({ name: m?.[2] ?? String(stages.length), from: m?.[1] ?? '', instructions: [] });
      return;
    }
    stages.at(-1)?.instructions.push({ line: start, op: op.toUpperCase(), args });
  });
  return stages;
}

/** The stage and the stages it is built FROM, nearest first. */
export function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((s) => s.name === stage.from);
  return parent && parent !== stage ? [stage, ...lineage(stages, parent)] : [stage];
}
