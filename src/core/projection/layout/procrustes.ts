/**
 * Rigid 2-D alignment (Procrustes without scaling): the rotation — and, when allowed, reflection —
 * plus translation that best maps `moving` onto `target` over the anchor rows, applied to every row
 * of `moving` in place. Anchors are points with the same identity in both layouts (the real reference).
 */
export function alignRigid(moving: Float32Array, target: Float32Array, anchors: ArrayLike<number>, allowReflection: boolean): void {
  const count = anchors.length;
  if (count === 0) return;
  let mx = 0;
  let my = 0;
  let tx = 0;
  let ty = 0;
  for (let a = 0; a < count; a++) {
    const i = anchors[a] as number;
    mx += moving[2 * i] as number;
    my += moving[2 * i + 1] as number;
    tx += target[2 * i] as number;
    ty += target[2 * i + 1] as number;
  }
  mx /= count;
  my /= count;
  tx /= count;
  ty /= count;
  // Cross-covariance terms of the centred anchors.
  let sxx = 0;
  let sxy = 0;
  let syx = 0;
  let syy = 0;
  for (let a = 0; a < count; a++) {
    const i = anchors[a] as number;
    const px = (moving[2 * i] as number) - mx;
    const py = (moving[2 * i + 1] as number) - my;
    const qx = (target[2 * i] as number) - tx;
    const qy = (target[2 * i + 1] as number) - ty;
    sxx += px * qx;
    sxy += px * qy;
    syx += py * qx;
    syy += py * qy;
  }
  // Best rotation: angle maximising Σ q · R p; best reflection the same with p's y negated.
  const rotationScore = Math.hypot(sxx + syy, sxy - syx);
  const reflectionScore = Math.hypot(sxx - syy, sxy + syx);
  const reflect = allowReflection && reflectionScore > rotationScore;
  const angle = reflect ? Math.atan2(sxy + syx, sxx - syy) : Math.atan2(sxy - syx, sxx + syy);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const n = moving.length / 2;
  for (let i = 0; i < n; i++) {
    const px = (moving[2 * i] as number) - mx;
    const py = reflect ? -((moving[2 * i + 1] as number) - my) : (moving[2 * i + 1] as number) - my;
    moving[2 * i] = cos * px - sin * py + tx;
    moving[2 * i + 1] = sin * px + cos * py + ty;
  }
}
