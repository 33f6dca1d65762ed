(function(){
  function setup(t){
    var size=parseInt(t.getAttribute('data-page'),10)||25, rows=[].slice.call(t.tBodies[0].rows), page=0, shown=rows;
    var bar=document.createElement('div'); bar.className='pager';
    var f=document.createElement('input'); f.className='filter'; f.placeholder='filter (id, type, recognizer)';
    var prev=document.createElement('button'); prev.textContent='\u2039 prev';
    var next=document.createElement('button'); next.textContent='next \u203a';
    var info=document.createElement('span'); info.className='muted';
    bar.appendChild(f); bar.appendChild(prev); bar.appendChild(next); bar.appendChild(info);
    t.parentNode.insertBefore(bar,t);
    function draw(){
      var pages=Math.max(1,Math.ceil(shown.length/size)); if(page>=pages){page=pages-1;}
      rows.forEach(function(r){r.style.display='none';});
      shown.slice(page*size,(page+1)*size).forEach(function(r){r.style.display='';});
      info.textContent='page '+(page+1)+' of '+pages+' ('+shown.length+' rows)';
    }
    f.addEventListener('input',function(){
      var q=f.value.toLowerCase(); shown=rows.filter(function(r){return r.textContent.toLowerCase().indexOf(q)>=0;}); page=0; draw();
    });
    prev.addEventListener('click',function(){if(page>0){page--;draw();}});
    next.addEventListener('click',function(){page++;draw();});
    draw();
  }
  document.querySelectorAll('table[data-page]').forEach(setup);
})();
