import assert from 'node:assert/strict';
import { test } from 'node:test';
import { axesFor, coordinateRange } from '../../src/core/monitor/viewBounds';

test("a frame's range skips non-finite points and the most extreme outliers", () => {
  const coordinates: (number | null)[] = [];
  for (let i = 0; i <= 1000; i++) coordinates.push(i / 100, -i / 100);
  coordinates.push(1e9, 1e9, Number.NaN, 0, null, 3);
  const range = coordinateRange(coordinates);
  assert.ok(range);
  assert.ok(range.xMax <= 10 && range.xMax > 9.9, `an outlier at 1e9 is left outside (xMax ${range.xMax})`);
  assert.ok(range.yMin >= -10 && range.yMin < -9.9);
  assert.equal(coordinateRange([Number.NaN, 1]), undefined);
});

test('axes cover every frame of a view, square and with a margin', () => {
  const axes = axesFor([
    { xMin: 0, xMax: 2, yMin: 0, yMax: 1 },
    undefined,
    { xMin: -2, xMax: 0, yMin: 0, yMax: 0.5 },
  ]);
  assert.ok(axes);
  assert.equal(axes.xMax - axes.xMin, axes.yMax - axes.yMin, 'equal spans keep circles circular');
  assert.ok(axes.xMin < -2 && axes.xMax > 2, 'both frames fit, with room at the edges');
  assert.ok(Math.abs((axes.yMin + axes.yMax) / 2 - 0.5) < 1e-12, 'centred on the data');
  assert.equal(axesFor([undefined]), undefined);
});
