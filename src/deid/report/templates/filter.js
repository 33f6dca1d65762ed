(function(){
  var buttons=document.querySelectorAll('.filters button'), notes=document.querySelectorAll('article');
  function show(flag){
    buttons.forEach(function(b){b.classList.toggle('on', b.getAttribute('data-flag')===flag);});
    var n=0; notes.forEach(function(a){var ok=flag==='all'||(' '+a.getAttribute('data-flags')+' ').indexOf(' '+flag+' ')>=0; a.style.display=ok?'':'none'; if(ok){n++;}});
    document.getElementById('count').textContent=n+' notes shown';
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){show(b.getAttribute('data-flag'));});});
  show('all');
})();
