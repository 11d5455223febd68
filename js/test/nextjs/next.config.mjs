// One project, two builds (Turbopack and webpack): each in its own directory.
export default { distDir: process.env.NEXT_DIST_DIR || '.next' };
