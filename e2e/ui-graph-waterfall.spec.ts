/** The last run's waterfall, reached from the graph's toolbar: one bar per node, by start, in both themes. */
import { expect, test } from '@playwright/test';
import { openPlayground } from './ui-helpers';

for (const theme of ['light', 'dark'] as const) {
  test(`the waterfall shows each node of the run by start, coloured by state, by keyboard too (${theme})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: theme });
    await openPlayground(page, '/?example=hello');
    const waterfall = page.getByRole('button', { name: 'Waterfall' });
    // Nothing to show before a run.
    await expect(waterfall).toBeDisabled({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-node="d"]')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await waterfall.click();
    await expect(waterfall).toHaveAttribute('aria-pressed', 'true');

    const rows = page
      .getByRole('region', { name: 'Waterfall of the last run' })
      .locator('[data-waterfall-node]');
    // Hello's four functions ran; a is first (everything reads it), d last (it reads c).
    await expect(rows).toHaveCount(4);
    const names = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-waterfall-node')));
    expect(names[0]).toBe('a');
    expect(names[3]).toBe('d');
    // Bars in order of start, each inside its track, in the done colour, readable against the page.
    const bars = await rows.evaluateAll((els) =>
      els.map((row) => {
        const bar = row.querySelector<HTMLElement>('.waterfall-bar')!;
        const track = row.querySelector<HTMLElement>('.waterfall-track')!.getBoundingClientRect();
        const box = bar.getBoundingClientRect();
        const name = row.querySelector<HTMLElement>('.waterfall-name')!;
        return {
          left: box.left,
          inside: box.left >= track.left - 0.5 && box.right <= track.right + 0.5 && box.width >= 1,
          fill: getComputedStyle(bar).backgroundColor,
          page: getComputedStyle(document.body).backgroundColor,
          nameSize: parseFloat(getComputedStyle(name).fontSize),
          nameCut: name.scrollWidth > name.clientWidth,
        };
      }),
    );
    for (let i = 1; i < bars.length; i++) expect(bars[i].left).toBeGreaterThanOrEqual(bars[i - 1].left - 0.5);
    for (const bar of bars) {
      expect(bar).toMatchObject({ inside: true, nameCut: false });
      expect(bar.fill).not.toBe(bar.page);
      expect(bar.nameSize).toBeGreaterThanOrEqual(11);
    }
    await expect(rows.first()).toHaveAccessibleName(/^a: done, started at .+, took .+/);

    // The keyboard walks the rows; Enter selects a node and opens its details.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    const second = names[1]!;
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('complementary', { name: `Details of ${second}` })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`waterfall-${theme}.png`) });

    // Back to the graph.
    await waterfall.click();
    await expect(page.locator('[data-node="d"]')).toBeVisible();
  });
}
