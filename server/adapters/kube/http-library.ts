import "server-only";
import { ResponseContext, wrapHttpLibrary, type HttpLibrary, type RequestContext } from "@kubernetes/client-node";
import { request, type Dispatcher } from "undici";

/**
 * client-node's calls over undici's `request` instead of its `fetch` (client-node's default HTTP library): the same
 * client, connection pool and TLS, without WHATWG streams and Request/Response objects per call. A save makes a dozen
 * cluster calls, several at once; their per-call CPU on the portal's one thread is what delays the last of them.
 * Watches are unaffected (client-node's Watch has its own transport).
 */
export const kubeHttpLibrary: HttpLibrary = wrapHttpLibrary({
  async send(context: RequestContext): Promise<ResponseContext> {
    const body = context.getBody();
    if (body !== undefined && typeof body !== "string") throw new Error("client-node sent a non-JSON body: not supported here");
    const res = await request(context.getUrl(), {
      method: context.getHttpMethod() as Dispatcher.HttpMethod,
      headers: context.getHeaders(),
      body,
      signal: context.getSignal(),
      dispatcher: context.getDispatcher(),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const bytes = Buffer.from(await res.body.arrayBuffer());
    return new ResponseContext(res.statusCode, headers, {
      text: async () => bytes.toString("utf8"),
      binary: async () => bytes,
      stream: () => null,
    });
  },
});
