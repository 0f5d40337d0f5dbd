import { currentCompany } from "@/server/auth/viewer";
export default async function ConsoleHome() {
  const company = await currentCompany();
  return <main className="p-8"><h1 className="text-2xl font-semibold">{company?.name}</h1></main>;
}
