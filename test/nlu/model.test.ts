import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNlu } from '../../src/nlu/model.js';
import { trainedModel } from './fixture.js';

describe('loadNlu', () => {
  it('restores a serialised model and classifies without training', () => {
    const nlu = loadNlu(JSON.parse(JSON.stringify(trainedModel())));
    expect(nlu.classify('550 5.1.1 user unknown')).toMatchObject({ topic: 'delivery_permanent', intent: 'report_problem' });
  });

  it.each([
    [null, /expected version 5 \(precomputed tables\); run npm run build:data/],
    [{ version: 3 }, /found version 3, expected version 5/],
    [{ ...trainedModel(), topic: { labels: 'x' } }, /"topic" is not a trained classifier/],
    [{ ...trainedModel(), intent: { ...trainedModel().intent, labels: ['yes', 'sing_a_song'] } }, /labels the code does not know \(sing_a_song\)/],
    [{ ...trainedModel(), entities: undefined }, /entity patterns missing/],
    [{ ...trainedModel(), topic: { ...trainedModel().topic, absent: [0] } }, /"topic" has no precomputed tables/],
  ])('rejects a bad model with a clear message (%#)', (model, message) => {
    expect(() => loadNlu(model)).toThrow(message);
  });

  it('stores each classifier as tables whose gaps land on distinct features, each likelier than an unseen one', () => {
    for (const table of [trainedModel().topic, trainedModel().intent]) {
      expect(table.levels).toHaveLength(table.labels.length);
      table.levels.forEach((ofLabel, i) => {
        const positions: number[] = [];
        for (const level of ofLabel) {
          let at = 0;
          for (const gap of level.gaps) positions.push((at += gap));
          expect(level.log).toBeGreaterThan(table.absent[i] ?? 0);
        }
        expect(new Set(positions).size).toBe(positions.length);
        expect(Math.min(...positions)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...positions)).toBeLessThan(table.features.length);
      });
    }
  });

  it('gives every message the same shape', () => {
    const nlu = loadNlu(trainedModel());
    for (const text of ['', '   ', '🙂', 'x'.repeat(5000), 'yes']) {
      const c = nlu.classify(text);
      expect(c.text).toBe(text);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.entities.emails).toEqual([]);
    }
  });
});

describe('src/nlu imports', () => {
  const dir = fileURLToPath(new URL('../../src/nlu/', import.meta.url));
  it.each(readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')))('%s imports only natural submodules', (file) => {
    const source = readFileSync(`${dir}${file}`, 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');
    expect(imports.filter((i) => i === 'natural' || i.startsWith('node:') || i === 'hono' || i.startsWith('cloudflare:'))).toEqual([]);
    for (const i of imports.filter((x) => x.startsWith('natural/'))) expect(i).toMatch(/^natural\/lib\/natural\/stemmers\//);
  });
});
