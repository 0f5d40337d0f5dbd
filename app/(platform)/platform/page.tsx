export default function PlatformHome() {
  return <main className="p-8"><h1 className="text-2xl font-semibold">Lastmile</h1></main>;
}
