import { AppError } from "@/server/errors";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Any `/api/*` path without a route: 404 problem+json rather than the HTML not-found page. */
const notFound = route({}, ({ request }) => {
  throw new AppError("not-found", `There is no portal API at ${new URL(request.url).pathname}.`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
