import { AppError } from "@/server/errors";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** Any `/api/*` path without a route: 404 problem+json rather than the HTML not-found page. */
const answer = ({ request }: { request: Request }): never => {
  throw new AppError("not-found", `There is no portal API at ${new URL(request.url).pathname}.`);
};
const notFound = route({ audit: false }, answer);
// Write methods need the operator role everywhere, unknown paths included (a reader learns nothing more).
const notFoundWrite = route({ role: "operator", audit: false }, answer);

export { notFound as GET, notFoundWrite as POST, notFoundWrite as PUT, notFoundWrite as PATCH, notFoundWrite as DELETE };
