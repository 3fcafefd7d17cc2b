// vitest 5 declares Node 22.12+; on Node 20 its reporter calls Map.groupBy / Object.groupBy (Node 21+)
// when it prints a failure, and crashes, hiding the failure. These two standard methods fill the gap.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = (items, key) => {
    const map = new Map();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const group = map.get(k);
      if (group) group.push(item);
      else map.set(k, [item]);
    }
    return map;
  };
}
if (typeof Object.groupBy !== 'function') {
  Object.groupBy = (items, key) => Object.fromEntries(Map.groupBy(items, key));
}
