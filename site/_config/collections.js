// Collections beyond Eleventy's own: the event pages the Atom feed announces, and the weeks'
// digests the feed of digests holds.

/** @param {import('@11ty/eleventy').UserConfig} eleventyConfig */
export default function (eleventyConfig) {
  /**
   * Newly announced events, oldest announcement first (the feed plugin reverses it), each dated
   * by when it last changed. Event pages all come from one paginated template and so share one
   * `date`; each item here is the page itself with only its date replaced.
   */
  eleventyConfig.addCollection('announcedEvents', (collectionApi) => {
    const pages = collectionApi.getFilteredByTag('eventPage');
    /** @type {{ id: string }[]} */
    const announced = pages[0]?.data.view.newlyAnnounced ?? [];
    const rank = new Map(announced.map((event, i) => [event.id, i]));
    return pages
      .filter((page) => rank.has(page.data.event.id))
      .sort((a, b) => (rank.get(b.data.event.id) ?? 0) - (rank.get(a.data.event.id) ?? 0))
      .map((page) => Object.create(page, { date: { value: new Date(page.data.event.lastChanged), enumerable: true } }));
  });

  /**
   * The weeks' digests, earliest week first (the feed plugin reverses it): each the e-mail's
   * page, whose content (without its layout) is the digest, standing for the week's own page and
   * dated by the week's start, so that its entry keeps its id and date from one build to the next.
   */
  eleventyConfig.addCollection('weekDigests', (collectionApi) =>
    collectionApi
      .getFilteredByTag('weekDigestEmail')
      .map((page) => {
        /** @type {import('../../src/publish/view/week.ts').WeekView} */
        const week = page.data.week;
        return Object.create(page, { url: { value: week.digest.path, enumerable: true }, date: { value: new Date(week.startsAt), enumerable: true } });
      })
      .sort((a, b) => a.date - b.date),
  );
}
