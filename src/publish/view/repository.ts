import { truncateText } from '../../text/plain.ts';

// The repository the site is built from (site.repository in sources.yaml), when it names one:
// the footer and the about page link to it, "Add your group" opens its issue form, and each
// event page's "Report a problem with this event" opens an issue already filled in. GitHub fills
// an issue form from the address: `template` picks the form, `title` the title, and each other
// parameter the field of that id (.github/ISSUE_TEMPLATE/*.yml).

export interface RepositoryLinks {
  url: string;
  /** The "Add a group" issue form. */
  addGroup: string;
  /** The "Report a wrong event" issue form, for reportEventUrl(). */
  reportEvent: string;
}

export const ADD_GROUP_FORM = 'add-a-group.yml';
export const REPORT_EVENT_FORM = 'report-a-wrong-event.yml';
/** The id of the report form's field for the event's link. */
export const REPORT_EVENT_FIELD = 'event';
/** The report form's own title, before the event's. */
const REPORT_TITLE = 'Wrong event: ';
const TITLE_MAX = 120;

/** The links for a validated site.repository (https://host/owner/name), or null when it is not set. */
export function repositoryLinks(repository: string | undefined): RepositoryLinks | null {
  if (!repository) return null;
  const url = repository.replace(/\/+$/, '');
  const form = (template: string) => `${url}/issues/new?${new URLSearchParams({ template })}`;
  return { url, addGroup: form(ADD_GROUP_FORM), reportEvent: form(REPORT_EVENT_FORM) };
}

/** A new issue about one event, its title and its link on this site filled in. */
export function reportEventUrl(repository: RepositoryLinks, title: string, pageUrl: string): string {
  const fields = new URLSearchParams({ title: `${REPORT_TITLE}${truncateText(title, TITLE_MAX)}`, [REPORT_EVENT_FIELD]: pageUrl });
  return `${repository.reportEvent}&${fields}`;
}
