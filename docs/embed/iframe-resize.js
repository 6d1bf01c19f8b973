window.addEventListener('message', (event) => {
  const heights = event.data && event.data['datawrapper-height'];
  if (!heights || typeof heights !== 'object') return;
  for (const iframe of document.querySelectorAll('iframe')) {
    if (iframe.contentWindow !== event.source || event.origin !== new URL(iframe.src, location.href).origin) continue;
    const height = Number(Object.values(heights)[0]);
    if (height > 0 && height <= 5000) iframe.style.height = `${Math.ceil(height)}px`;
  }
});
