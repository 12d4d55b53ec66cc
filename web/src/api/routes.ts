// The URLs of the API's routes, built only from the templates the server documents
// (`routes.generated.ts`), so `tsc` refuses a path the server does not have.
import type { ApiRoute } from './routes.generated';
import type { ParentType } from './types.generated';

/** A channel or a conversation: what messages, memberships and read points belong to. */
export type ParentRef = { type: ParentType; id: string };

type AsParent<R, Collection extends string> = R extends `${infer Method} /api/v1/${Collection}/{id}${infer Rest}`
  ? `${Method} {parent}${Rest}`
  : never;

/**
 * A route channels and conversations both have, with `{parent}` for `/api/v1/channels/{id}` or
 * `/api/v1/conversations/{id}`: e.g. `POST {parent}/messages`.
 */
export type ParentRoute = AsParent<ApiRoute, 'channels'> & AsParent<ApiRoute, 'conversations'>;

type PathOf<T extends string> = T extends `${string} ${infer Path}` ? Path : never;
type ParamsIn<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamsIn<Rest>
  : never;

/** The values of a template's `{parameters}`: a `ParentRef` for `{parent}`, text for the others. */
export type RouteParams<T extends ApiRoute | ParentRoute> = {
  [Name in ParamsIn<PathOf<T>>]: Name extends 'parent' ? ParentRef : string;
};

type Args<T extends ApiRoute | ParentRoute> = [ParamsIn<PathOf<T>>] extends [never] ? [] : [params: RouteParams<T>];

/**
 * The path of a route, e.g. `apiPath('PATCH /api/v1/channels/{id}', { id })` or
 * `apiPath('GET {parent}/pins', { parent })`, each parameter percent-encoded.
 */
export function apiPath<T extends ApiRoute | ParentRoute>(route: T, ...[params]: Args<T>): string {
  const values: Partial<Record<string, string | ParentRef>> = params ?? {};
  let path = route.slice(route.indexOf(' ') + 1);
  const parent = values.parent;
  if (typeof parent === 'object') {
    const collection = parent.type === 'channel' ? 'channels' : 'conversations';
    path = path.replace('{parent}', `/api/v1/${collection}/${encodeURIComponent(parent.id)}`);
  }
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string') throw new Error(`${route}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
}

/** Query string parameters, leaving out empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
