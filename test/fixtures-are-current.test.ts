import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { eventsOf, renderContainer, type ContainerName } from '../src/fixtures/containers.js';
import { FIXTURE_CORPUS, FIXTURE_JSON_CORPUS } from '../src/fixtures/corpus-options.js';
import { generateCorpus, type CorpusOptions } from '../src/fixtures/generator.js';

const render = (name: ContainerName, o: CorpusOptions) => [...renderContainer(name, eventsOf(generateCorpus(o)))].join('');

describe('fixtures/generated', () => {
  it.each([
    ['llmproxy.tail.log', 'tail', FIXTURE_CORPUS],
    ['llmproxy.filter-log-events.json', 'filter-log-events', FIXTURE_CORPUS],
    ['llmproxy.ndjson', 'ndjson', FIXTURE_CORPUS],
    ['llmproxy.short.log', 'short', FIXTURE_CORPUS],
    ['llmproxy.s3-export.log.gz', 's3', FIXTURE_CORPUS],
    ['llmproxy.json-format.tail.log', 'tail', FIXTURE_JSON_CORPUS],
  ] as const)('%s is what the seeded generator writes (run npm run fixtures after changing it)', (file, container, options) => {
    const bytes = readFileSync(`fixtures/generated/${file}`);
    const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    expect(text === render(container, options)).toBe(true);
  });

  it('the filter-log-events fixture is a JSON document the aws CLI could have written', () => {
    const doc = JSON.parse(readFileSync('fixtures/generated/llmproxy.filter-log-events.json', 'utf8'));
    expect(Object.keys(doc)).toEqual(['events', 'searchedLogStreams']);
    expect(Object.keys(doc.events[0])).toEqual(['logStreamName', 'timestamp', 'message', 'ingestionTime', 'eventId']);
  });
});
